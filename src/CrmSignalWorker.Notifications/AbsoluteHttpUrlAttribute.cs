using System.ComponentModel.DataAnnotations;

namespace CrmSignalWorker.Notifications;

/// <summary>
/// Accepts null or an absolute http(s) URL. Unlike <see cref="UrlAttribute"/> it rejects ftp and
/// relative URLs, and its message never echoes the value, which may be a secret such as a webhook.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is null
        || (value is string text
            && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
