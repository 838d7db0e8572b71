namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>The form fields of one OAuth 2.0 grant, posted to the org's token endpoint.</summary>
public interface ISalesforceGrant
{
    /// <summary>For logs and errors; never a secret.</summary>
    string Name { get; }

    IReadOnlyList<KeyValuePair<string, string>> CreateForm(DateTimeOffset now);
}
