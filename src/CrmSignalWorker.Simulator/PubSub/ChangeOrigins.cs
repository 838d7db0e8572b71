namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The changeOrigin of a scenario write, from who wrote it (facts sheet §6): the Marketo integration over REST with its
/// client id, people through the Lightning UI, the Automated Process user with an empty origin, the platform integration
/// user over REST without a client id, and Sales Ops' stale-deal cleanup through Bulk API from Data Loader.
/// </summary>
internal sealed class ChangeOrigins
{
    private readonly Dictionary<string, string> _byUser = new(StringComparer.Ordinal);
    private readonly string _adminId;
    private readonly DateTimeOffset _cleanupStart;
    private readonly DateTimeOffset _cleanupEnd;

    public ChangeOrigins(Scenario scenario, string apiVersion)
    {
        var version = apiVersion.TrimStart('v', 'V');
        Ui = $"com/salesforce/api/soap/{version};client=SfdcInternalAPI/";
        MarketoSync = $"com/salesforce/api/rest/{version};client=MarketoSync";
        BulkCleanup = $"com/salesforce/api/bulkapi/{version};client=DataLoaderBulk";
        var integrationRest = $"com/salesforce/api/rest/{version}";
        foreach (var user in scenario.Users)
        {
            _byUser[user.Id] = user switch
            {
                { UserType: "AutomatedProcess" } => "",
                { UserType: "CloudIntegrationUser" } => integrationRest,
                { UserLicenseName: "Salesforce Integration" } => MarketoSync,
                _ => Ui,
            };
        }

        // Mirrors OpportunityPlanner.ApplyPipelineCleanup: one run two days before the end at 16:30 UTC, four deals a second,
        // only in scenarios of ten days or more.
        _adminId = scenario.RunAsUserId;
        var days = scenario.EndDate.DayNumber - scenario.FirstDay.DayNumber;
        _cleanupStart = days < 10
            ? DateTimeOffset.MaxValue
            : new DateTimeOffset(scenario.EndDate.AddDays(-2).ToDateTime(new TimeOnly(16, 30)), TimeSpan.Zero);
        _cleanupEnd = days < 10 ? DateTimeOffset.MaxValue : _cleanupStart.AddSeconds((scenario.Opportunities.Count / 4) + 1);
    }

    public string Ui { get; }

    public string MarketoSync { get; }

    public string BulkCleanup { get; }

    /// <param name="closesLostOnly">True when every change of the transaction moves an opportunity to Closed Lost.</param>
    public string For(string userId, DateTimeOffset at, bool closesLostOnly)
    {
        if (userId == _adminId && closesLostOnly && at >= _cleanupStart && at < _cleanupEnd)
        {
            return BulkCleanup;
        }

        return _byUser.GetValueOrDefault(userId, Ui);
    }
}
