using System.ComponentModel.DataAnnotations;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>Accepts null or an absolute http(s) <see cref="Uri"/>; gRPC needs a scheme, host and port, not a relative path.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteEndpointAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        Uri { IsAbsoluteUri: true } uri => uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp,
        _ => false,
    };
}
