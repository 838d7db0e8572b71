using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Api;

/// <summary>
/// Bearer authentication against the configured API tokens (<see cref="ApiTokenRegistry"/>). It runs only for
/// endpoints whose policy names its scheme, so health, readiness and metrics never see it.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiTokenRegistry registry,
    ApiRefusals refusals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiToken";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Failure texts are logged by ASP.NET Core: they describe the header, never repeat it.
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header does not hold a bearer token"));
        }

        var token = registry.Match(header[BearerPrefix.Length..].Trim());
        return Task.FromResult(token is null
            ? AuthenticateResult.Fail("the bearer token matches no configured API token")
            : AuthenticateResult.Success(new AuthenticationTicket(ApiCallerClaims.ToPrincipal(token, SchemeName), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var missing = result.None;
        await refusals.RecordAsync(Context, missing ? ApiRefusalReason.MissingToken : ApiRefusalReason.InvalidToken, tokenName: null);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 §3: a request without credentials gets the bare challenge, a bad token an error code.
        Response.Headers.WWWAuthenticate = missing ? "Bearer" : "Bearer error=\"invalid_token\"";
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await refusals.RecordAsync(Context, ApiRefusalReason.Forbidden, Context.User.Identity?.Name);
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
