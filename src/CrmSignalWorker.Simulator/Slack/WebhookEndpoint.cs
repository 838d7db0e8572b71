using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Slack;

/// <summary>
/// <c>POST /hooks/{name}</c>, answering as Slack incoming webhooks do: 200 <c>ok</c>, or 400 with
/// <c>invalid_payload</c> (not a JSON object) or <c>no_text</c> (neither text nor blocks nor attachments).
/// </summary>
internal sealed class WebhookEndpoint(WebhookStore store)
{
    private const int MaximumBodyBytes = 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaximumBodyBytes)
        {
            await AnswerAsync(context, StatusCodes.Status413PayloadTooLarge, "request_too_large");
            return;
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var verdict = Check(body);
        if (verdict is not null)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, verdict);
            return;
        }

        await store.SaveAsync(context.Request.RouteValues["name"] as string ?? "hook", body, context.RequestAborted);
        await AnswerAsync(context, StatusCodes.Status200OK, "ok");
    }

    private static string? Check(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "invalid_payload";
            }

            var root = document.RootElement;
            return root.TryGetProperty("text", out _) || root.TryGetProperty("blocks", out _) || root.TryGetProperty("attachments", out _)
                ? null
                : "no_text";
        }
        catch (JsonException)
        {
            return "invalid_payload";
        }
    }

    private static async Task AnswerAsync(HttpContext context, int statusCode, string text)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
