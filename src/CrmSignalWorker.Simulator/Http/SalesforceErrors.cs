using CrmSignalWorker.Simulator.Query;
using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>Response writers for the two error shapes: REST's JSON array and OAuth's error object.</summary>
internal static class SalesforceErrors
{
    public const string InvalidSessionId = "INVALID_SESSION_ID";
    public const string SessionExpiredMessage = "Session expired or invalid";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
    public const string InvalidQueryLocator = "INVALID_QUERY_LOCATOR";
    public const string NotFound = "NOT_FOUND";

    private const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary><c>[{"message":"…","errorCode":"…"}]</c>, the REST error body.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string errorCode, string message) =>
        WriteJsonAsync(context, statusCode, SalesforceJson.Render(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteString("errorCode", errorCode);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }));

    /// <summary><c>{"error":"…","error_description":"…"}</c>, the OAuth token endpoint's error body.</summary>
    public static Task WriteOAuthAsync(HttpContext context, string error, string description) =>
        WriteJsonAsync(context, StatusCodes.Status400BadRequest, SalesforceJson.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteString("error_description", description);
            writer.WriteEndObject();
        }));

    public static Task WriteNotFoundAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, NotFound, "The requested resource does not exist");

    public static async Task WriteJsonAsync(HttpContext context, int statusCode, byte[] body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
