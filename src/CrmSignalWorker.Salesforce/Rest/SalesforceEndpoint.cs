namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>The kinds of Salesforce endpoint the worker calls; each has its own resilience pipeline and circuit.</summary>
public enum SalesforceEndpoint
{
    /// <summary>The OAuth 2.0 token endpoint on the login host.</summary>
    Token,

    /// <summary>REST reads on the instance: query, queryAll, their next pages, and /limits.</summary>
    Query,

    /// <summary>Unary Pub/Sub API calls such as GetSchema and GetTopic (not the Subscribe stream).</summary>
    PubSubUnary,
}
