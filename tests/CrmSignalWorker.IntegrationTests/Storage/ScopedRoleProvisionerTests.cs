using CrmSignalWorker.Core.Access;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.Scoping;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CrmSignalWorker.IntegrationTests.Storage;

/// <summary>
/// A managed database's application user often lacks CREATEROLE. Its migrations still apply (the policies need no
/// role), provisioning fails with what to ask the database administrator for, and after the administrator's one
/// grant it works.
/// </summary>
public sealed class ScopedRoleProvisionerTests : IAsyncLifetime
{
    private readonly string _user = "crmsignal_limited_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _databaseName = "crmsignal_test_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource _limited = null!;

    public async Task InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"CREATE ROLE {_user} LOGIN NOCREATEROLE NOSUPERUSER");
        await admin.ExecuteAsync($"CREATE DATABASE {_databaseName} OWNER {_user}");
        _limited = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString)
        {
            Database = _databaseName,
            Username = _user,
            Password = null,
        }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _limited.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)");
        await admin.ExecuteAsync($"DROP ROLE IF EXISTS {_user}");
    }

    [Fact]
    public async Task Run_WithTokensAndAUserWithoutCreateRole_ExitsWith3NamingTheProblemAndNotTheSecret()
    {
        const string secret = "a-token-secret-that-must-not-be-printed-0123";
        var environment = new Dictionary<string, string?>
        {
            ["Postgres__ConnectionString"] = _limited.ConnectionString,
            ["Redis__Configuration"] = TestEnvironment.RedisConfiguration,
            ["Salesforce__LoginUrl"] = "http://127.0.0.1:1",
            ["Salesforce__ClientId"] = "client",
            ["Salesforce__ClientSecret"] = "secret",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__From"] = "crmsignal@example.test",
            ["Http__Port"] = "0",
            ["Api__Tokens__0__Name"] = "emea",
            ["Api__Tokens__0__Secret"] = secret,
            ["Api__Tokens__0__Roles__0"] = "reader",
            ["Api__Tokens__0__Markets__0"] = "EMEA",
        };

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(environment, "run");

        Assert.True(exitCode == 3, $"exit {exitCode}\n{stderr}");
        Assert.Contains($"crmsignal: API tokens are configured (Api:Tokens), and their reads need the Postgres role {ScopedReadRole.Name}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_UserWithoutCreateRole_FailsNamingTheRoleTheUserAndTheFix_ThenWorksOnceGranted()
    {
        await new MigrationRunner(_limited, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<MarketScopingUnavailableException>(() => new ScopedRoleProvisioner(_limited).EnsureAsync(CancellationToken.None));

        Assert.Contains($"Postgres role {ScopedReadRole.Name}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{_user}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATEROLE", error.Message, StringComparison.Ordinal);
        Assert.Contains($"GRANT {ScopedReadRole.Name} TO \"{_user}\"", error.Message, StringComparison.Ordinal);

        // What the message asks an administrator to do (the role may exist already: other test databases share it).
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync(
                $"DO $$ BEGIN CREATE ROLE {ScopedReadRole.Name} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
            await admin.ExecuteAsync($"GRANT {ScopedReadRole.Name} TO {_user}");
        }

        await new ScopedRoleProvisioner(_limited).EnsureAsync(CancellationToken.None);
        await using var session = await new MarketScopedReads(_limited).BeginAsync(MarketScope.Only(["EMEA"]), CancellationToken.None);
        Assert.Equal(0, await session.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM field_change", transaction: session.Transaction));
    }
}
