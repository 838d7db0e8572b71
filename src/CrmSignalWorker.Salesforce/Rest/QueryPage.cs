using System.Text.Json;

namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>One batch of a SOQL query result.</summary>
public sealed record QueryPage(int TotalSize, bool Done, string? NextRecordsUrl, IReadOnlyList<JsonElement> Records);
