using System.Net.Sockets;
using CrmSignalWorker.Salesforce.Auth;
using Npgsql;
using StackExchange.Redis;

namespace CrmSignalWorker.Health;

/// <summary>
/// One line saying why a dependency failed, for probe bodies and logs. Built from what the exception types say
/// about the failure (SQL state, socket error, OAuth error), never from connection strings or request bodies.
/// </summary>
internal static class FailureReason
{
    public static string Of(Exception exception) => exception switch
    {
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
        NpgsqlException { InnerException: SocketException socket } => $"cannot connect: {socket.SocketErrorCode}",
        NpgsqlException { InnerException: TimeoutException } => "no answer within the connection timeout",
        NpgsqlException { InnerException: IOException io } => $"connection lost: {io.Message}",
        NpgsqlException npgsql => npgsql.Message,
        RedisConnectionException redis => $"no connection ({redis.FailureType})",
        RedisTimeoutException => "PING timed out",
        // Its messages carry the token endpoint's host, the grant name and the OAuth error code by design.
        SalesforceAuthException auth => auth.Message,
        HttpRequestException { InnerException: SocketException socket } => $"cannot reach the token endpoint: {socket.SocketErrorCode}",
        HttpRequestException http => $"token endpoint request failed: {http.HttpRequestError}",
        TimeoutException => "timed out",
        _ => exception.GetType().Name,
    };

    /// <summary>A duration as people read it on a status page: 45s, 12m 5s, 3h 20m, 2d 4h.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds}s"
            : $"{(int)span.TotalSeconds}s";
    }
}
