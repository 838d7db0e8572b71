using CrmSignalWorker.Alerts;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Delivery;
using CrmSignalWorker.Digests;
using CrmSignalWorker.Flags;
using CrmSignalWorker.Health;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Lifecycle;
using CrmSignalWorker.Milestones;
using CrmSignalWorker.Lineage;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Notifications.Slack;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Salesforce.Rest;
using CrmSignalWorker.Signals;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.Actors;
using CrmSignalWorker.Storage.Alerts;
using CrmSignalWorker.Storage.AuditLog;
using CrmSignalWorker.Storage.Audit;
using CrmSignalWorker.Storage.Flags;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Leases;
using CrmSignalWorker.Storage.Lifecycle;
using CrmSignalWorker.Storage.Milestones;
using CrmSignalWorker.Storage.Lineage;
using CrmSignalWorker.Storage.Outbox;
using CrmSignalWorker.Storage.Records;
using CrmSignalWorker.Storage.Signals;
using CrmSignalWorker.Storage.Watch;
using CrmSignalWorker.Telemetry;
using CrmSignalWorker.Watch;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Registry;
using StackExchange.Redis;

namespace CrmSignalWorker.Extensions;

/// <summary>The one place the worker's parts are wired, in the order data flows through them.</summary>
public static class WorkerServiceCollectionExtensions
{
    private const string AuthHttpClient = "salesforce-auth";

    /// <summary>Registers every service the commands and the worker use; no hosted services.</summary>
    public static IHostApplicationBuilder AddCrmSignalWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.ConfigureOpenTelemetry();
        AddPostgres(builder.Services);
        AddSalesforce(builder.Services);
        AddSources(builder.Services);
        AddMilestones(builder.Services);
        AddSignalsAndDigests(builder.Services);
        AddDelivery(builder.Services);
        AddFlags(builder.Services);
        AddLifecycle(builder.Services);
        AddLineage(builder.Services);
        return builder;
    }

    /// <summary>Adds the loops of the long-running worker: migrations first, then one service per job.</summary>
    public static IHostApplicationBuilder AddCrmSignalWorkerLoops(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Within Kubernetes' default 30 s grace period (the chart gives 60 s): time to commit the batch in flight.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddHostedService<AuditLog.ConfigurationAudit>();
        // After migrations (the lease table) and before the jobs, which ask it whether this replica leads.
        builder.Services.AddSingleton<LeaderElection>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LeaderElection>());
        builder.Services.AddHostedService<PeriodicJobService<FlagReconciler>>();
        builder.Services.AddHostedService<PeriodicJobService<ApiLimitsCheck>>();
        builder.Services.AddHostedService<PeriodicJobService<HistorySync>>();
        builder.Services.AddHostedService<ChangeStreamService>();
        builder.Services.AddHostedService<PeriodicJobService<HistoryRereader>>();
        builder.Services.AddHostedService<PeriodicJobService<SetupAuditTrailSync>>();
        builder.Services.AddHostedService<PeriodicJobService<SlaClockJob>>();
        builder.Services.AddHostedService<PeriodicJobService<IncentivePeriodJob>>();
        builder.Services.AddHostedService<PeriodicJobService<SignalEvaluator>>();
        builder.Services.AddHostedService<PeriodicJobService<SignalAlertJob>>();
        builder.Services.AddHostedService<PeriodicJobService<DigestComposer>>();
        builder.Services.AddHostedService<PeriodicJobService<OutboxDispatcher>>();
        builder.Services.AddHostedService<PeriodicJobService<WatchJob>>();
        builder.Services.AddHostedService<PeriodicJobService<RetentionJob>>();
        builder.Services.AddHostedService<PeriodicJobService<AttributionCoverageJob>>();
        return builder;
    }

    /// <summary>
    /// Jobs live as long as the process and keep their HttpClients, so the factory never rotates their handlers;
    /// recycling pooled connections instead makes DNS changes (an org moving instance) reach them.
    /// </summary>
    private static SocketsHttpHandler RecyclingHandler() => new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

    private static void AddPostgres(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<PostgresOptions, PostgresOptionsValidator>().BindConfiguration(PostgresOptions.SectionName);
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString);
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            // Npgsql names the pool after the connection string in its metrics; /metrics is readable by anyone who
            // can scrape, so the pool gets a plain name instead of the server, database and user.
            builder.Name = "crmsignal";
            return builder.Build();
        });
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ChangeStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SignalStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<FlagStore>();
        services.AddSingleton<RecordStore>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton<LeaseStore>();
        services.AddSingleton<WorkerIdentity>();
        services.AddOptionsWithValidateOnStart<LeaseOptions, LeaseOptionsValidator>().BindConfiguration(LeaseOptions.SectionName);
        services.AddSingleton<ConfigurationChangeStore>();
        services.AddSingleton<WorkerStateReader>();
    }

    private static void AddSalesforce(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SalesforceOptions, SalesforceOptionsValidator>().BindConfiguration(SalesforceOptions.SectionName);
        services.AddSingleton<SalesforceApiUsage>();
        services.AddSingleton<SalesforceTelemetry>();
        services.AddSingleton<ApiBudgetGuard>();
        // One pipeline, and so one circuit, per endpoint kind: an outage of the token endpoint does not trip REST reads.
        foreach (var endpoint in SalesforceResilience.Endpoints)
        {
            services.AddResiliencePipeline(SalesforceResilience.PipelineName(endpoint), (pipeline, context) =>
            {
                var sp = context.ServiceProvider;
                pipeline.TimeProvider = sp.GetRequiredService<TimeProvider>();
                SalesforceResilience.Configure(
                    pipeline,
                    endpoint,
                    sp.GetRequiredService<IOptions<SalesforceOptions>>().Value,
                    sp.GetRequiredService<SalesforceTelemetry>(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SalesforceResilience)));
            });
        }

        // One token provider for the process: it caches the token and single-flights refreshes.
        // Token requests carry the client secret in the body; keep the factory's request logging off them too.
        services.AddHttpClient(AuthHttpClient).RemoveAllLoggers().ConfigurePrimaryHttpMessageHandler(RecyclingHandler);
        services.AddSingleton<ISalesforceGrant>(sp => CreateGrant(sp.GetRequiredService<IOptions<SalesforceOptions>>().Value));
        services.AddSingleton<ISalesforceTokenProvider>(sp => new SalesforceTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(AuthHttpClient),
            sp.GetRequiredService<ISalesforceGrant>(),
            sp.GetRequiredService<IOptions<SalesforceOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SalesforceTokenProvider>>(),
            sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(SalesforceResilience.TokenPipeline)));
        services.AddHttpClient<SalesforceRestClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).ConfigurePrimaryHttpMessageHandler(RecyclingHandler);
        services.AddTransient<HistoryReader>();
        services.AddTransient<UserReader>();
        services.AddTransient<RecordReader>();
        services.AddTransient<SalesforceLimitsReader>();
        services.AddTransient<ApiLimitsCheck>();
        services.AddTransient<SetupAuditTrailReader>();
        AddPubSub(services);
    }

    private static void AddPubSub(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<PubSubOptions, PubSubOptionsValidator>()
            .BindConfiguration(PubSubOptions.SectionName)
            .PostConfigure(o => o.ApplyDefaults());
        // One channel (HTTP/2 connection pool) for every stream; built only when a stream or a re-drive needs it.
        services.AddSingleton(sp => PubSubChannelFactory.Create(
            sp.GetRequiredService<IOptions<PubSubOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => PubSubChannelFactory.CreateClient(sp.GetRequiredService<GrpcChannel>()));
        services.AddSingleton<PubSubCallCredentials>();
        // Subscribers report subscriptions and keep-alives here; stream lag (probe and gauge) reads them.
        services.AddSingleton<PubSubStreamActivity>();
        services.AddSingleton<StreamLagCalculator>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SchemaCache>(
            sp, sp.GetRequiredService<Polly.Registry.ResiliencePipelineProvider<string>>().GetPipeline(SalesforceResilience.PubSubUnaryPipeline)));
        services.AddSingleton<ChangeEventDecoder>();
        services.AddSingleton<PlatformEventDecoder>();
        services.AddTransient<PubSubSubscriber>();
    }

    private static ISalesforceGrant CreateGrant(SalesforceOptions options) => options.AuthFlow switch
    {
        SalesforceAuthFlow.JwtBearer => new JwtBearerGrant(
            options.ClientId,
            options.Username!,
            options.EffectiveAudience,
            string.IsNullOrWhiteSpace(options.PrivateKey)
                ? SigningKey.FromFile(options.PrivateKeyPath!, "Salesforce:PrivateKeyPath")
                : SigningKey.FromPem(options.PrivateKey, "Salesforce:PrivateKey")),
        _ => new ClientCredentialsGrant(options.ClientId, options.ClientSecret),
    };

    private static void AddSources(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<HistoryOptions, HistoryOptionsValidator>()
            .BindConfiguration(HistoryOptions.SectionName)
            .PostConfigure(o => o.ApplyDefaults());
        services.AddOptionsWithValidateOnStart<AttributionOptions, AttributionOptionsValidator>().BindConfiguration(AttributionOptions.SectionName);
        services.AddOptionsWithValidateOnStart<WorkflowOptions, WorkflowOptionsValidator>()
            .BindConfiguration(WorkflowOptions.SectionName)
            .PostConfigure(o => o.ApplyDefaults());
        services.AddSingleton(sp => new NormalizationRules(
            sp.GetRequiredService<IOptions<AttributionOptions>>().Value.ToChannelRules(),
            sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.ToRules()));
        services.AddTransient<UserDirectorySync>();
        services.AddTransient<RecordSync>();
        services.AddTransient<HistorySync>();
        services.AddSingleton<ReceivedEventNormalizer>();
        services.AddTransient<ChangeStreamIngestor>();
        services.AddTransient<HistoryRereader>();
        services.AddTransient<QuarantineRedriver>();
        services.AddOptionsWithValidateOnStart<SetupAuditOptions, SetupAuditOptionsValidator>().BindConfiguration(SetupAuditOptions.SectionName);
        services.AddTransient<SetupAuditTrailSync>();
    }

    /// <summary>SLA clocks and incentive periods: workflow events derived from stored writes, before the signals that read them.</summary>
    private static void AddMilestones(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SlaClockOptions, SlaClockOptionsValidator>().BindConfiguration(SlaClockOptions.SectionName);
        services.AddOptionsWithValidateOnStart<IncentiveOptions, IncentiveOptionsValidator>().BindConfiguration(IncentiveOptions.SectionName);
        services.AddSingleton<SlaClockStore>();
        services.AddSingleton<CommitStateStore>();
        services.AddTransient<SlaClockJob>();
        services.AddTransient<IncentivePeriodJob>();
    }

    private static void AddSignalsAndDigests(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SignalOptions, SignalOptionsValidator>().BindConfiguration(SignalOptions.SectionName);
        services.AddOptionsWithValidateOnStart<DigestOptions, DigestOptionsValidator>().BindConfiguration(DigestOptions.SectionName);
        services.AddTransient<SignalEvaluator>();
        services.AddSingleton<SlackDigestRenderer>();
        services.AddSingleton<EmailDigestRenderer>();
        services.AddTransient<DigestComposer>();
    }

    private static void AddDelivery(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<OutboxOptions, OutboxOptionsValidator>().BindConfiguration(OutboxOptions.SectionName);
        services.AddOptionsWithValidateOnStart<SlackOptions, SlackOptionsValidator>().BindConfiguration(SlackOptions.SectionName);
        services.AddOptionsWithValidateOnStart<SmtpOptions, SmtpOptionsValidator>().BindConfiguration(SmtpOptions.SectionName);
        services.AddSingleton<IValidateOptions<SmtpOptions>, EmailRecipientsNeedSmtp>();
        // The webhook URL is the credential: HttpClientFactory's request logging would print it, and
        // Slack:Timeout (enforced by the sender) bounds each post instead of HttpClient's default.
        services.AddHttpClient<ISlackWebhookSender, SlackWebhookSender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(RecyclingHandler);
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddTransient<OutboxDispatcher>();
        services.AddOptionsWithValidateOnStart<OperatorAlertOptions, OperatorAlertOptionsValidator>().BindConfiguration(OperatorAlertOptions.SectionName);
        services.AddSingleton<SlackOperatorAlertRenderer>();
        services.AddSingleton<EmailOperatorAlertRenderer>();
        services.AddSingleton<OperatorAlertMessages>();
        services.AddTransient<OperatorAlertPublisher>();
        services.AddOptionsWithValidateOnStart<SignalAlertOptions, SignalAlertOptionsValidator>().BindConfiguration(SignalAlertOptions.SectionName);
        services.AddSingleton<AlertStore>();
        services.AddTransient<SignalAlertJob>();
        services.AddOptionsWithValidateOnStart<WatchOptions, WatchOptionsValidator>().BindConfiguration(WatchOptions.SectionName);
        services.AddSingleton<WatchStore>();
        services.AddSingleton<AuditLogStore>();
        services.AddTransient<WatchJob>();
    }

    private static void AddLifecycle(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RetentionOptions, RetentionOptionsValidator>().BindConfiguration(RetentionOptions.SectionName);
        services.AddSingleton<PartitionMaintenance>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<HistoryBackfill>();
    }

    private static void AddLineage(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<LineageOptions, LineageOptionsValidator>().BindConfiguration(LineageOptions.SectionName);
        services.AddSingleton<LineageQuery>();
        services.AddSingleton<AttributionCoverageQuery>();
        services.AddSingleton<AttributionCoverageReader>();
        services.AddSingleton<LineageReportReader>();
        services.AddSingleton<LineageTableRenderer>();
        services.AddSingleton<LineageJsonWriter>();
        services.AddSingleton<LineageHtmlRenderer>();
        services.AddTransient<AttributionCoverageJob>();
    }

    private static void AddFlags(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RedisOptions, RedisOptionsValidator>().BindConfiguration(RedisOptions.SectionName);
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var configuration = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            // Start even when Redis is down: Postgres holds the flags and the reconciler catches Redis up.
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.AddSingleton<RedisFlagMirror>();
        services.AddTransient<FlagService>();
        services.AddTransient<FlagReconciler>();
    }
}
