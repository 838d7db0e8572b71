using System.Net;

namespace CrmSignalWorker.Salesforce;

/// <summary>
/// Salesforce answered with an error. The message carries Salesforce's error code and text, never a
/// token, secret or query parameter.
/// </summary>
public sealed class SalesforceApiException : Exception
{
    public SalesforceApiException(HttpStatusCode statusCode, string errorCode, string message)
        : base($"Salesforce returned {(int)statusCode} {errorCode}: {message}")
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public SalesforceApiException()
    {
        ErrorCode = "";
    }

    public SalesforceApiException(string message)
        : base(message)
    {
        ErrorCode = "";
    }

    public SalesforceApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "";
    }

    public HttpStatusCode StatusCode { get; }

    public string ErrorCode { get; }

    /// <summary>
    /// 5xx, lock contention and a query that ran out of time on a busy server clear up on their own; the rest
    /// (a malformed query, a refused session, a used-up allocation) need a person, a new token or a new day.
    /// </summary>
    public bool IsTransient => (int)StatusCode >= 500 || ErrorCode is "UNABLE_TO_LOCK_ROW" or "SERVER_UNAVAILABLE" or "QUERY_TIMEOUT";

    /// <summary>The org's rolling 24-hour API allocation is used up; every call fails until it frees up.</summary>
    public bool IsRequestLimitExceeded => ErrorCode == "REQUEST_LIMIT_EXCEEDED";
}
