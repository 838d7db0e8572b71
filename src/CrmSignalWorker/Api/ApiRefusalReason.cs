namespace CrmSignalWorker.Api;

/// <summary>Why a request was refused; the values are the metric's <c>reason</c> tag.</summary>
public static class ApiRefusalReason
{
    /// <summary>401: no Authorization header.</summary>
    public const string MissingToken = "missing_token";

    /// <summary>401: a header that is not a bearer token, or a token that matches none configured.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>403: a valid token without the route's role.</summary>
    public const string Forbidden = "forbidden";
}
