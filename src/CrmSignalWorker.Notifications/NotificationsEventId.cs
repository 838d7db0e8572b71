namespace CrmSignalWorker.Notifications;

/// <summary>
/// Event ids for this project's logs. Notifications own the band 4000–4099: Slack 4000–4049,
/// email 4050–4099, so an id alone tells an operator which channel spoke.
/// </summary>
internal static class NotificationsEventId
{
    public const int SlackDelivered = 4000;
    public const int SlackRejected = 4001;
    public const int SlackRateLimited = 4002;
    public const int SlackUnreachable = 4003;
    public const int SlackTimedOut = 4004;
    public const int SlackServerError = 4005;

    public const int EmailSent = 4050;
    public const int EmailFailed = 4051;
    public const int EmailDisconnectFailed = 4052;
}
