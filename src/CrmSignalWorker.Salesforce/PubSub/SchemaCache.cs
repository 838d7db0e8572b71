using System.Collections.Concurrent;
using Avro;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using PubSubClient = CrmSignalWorker.Salesforce.PubSub.Protocol.PubSub.PubSubClient;
using SchemaRequest = CrmSignalWorker.Salesforce.PubSub.Protocol.SchemaRequest;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Avro schemas by schema id, fetched once with GetSchema. An entity's schema id changes when its metadata
/// changes, so an id not seen before (even mid-stream) is simply fetched.
/// </summary>
public sealed class SchemaCache(
    PubSubClient client,
    PubSubCallCredentials credentials,
    IOptions<PubSubOptions> options,
    TimeProvider timeProvider,
    ILogger<SchemaCache> logger,
    ResiliencePipeline? pipeline = null)
{
    // Retries UNAVAILABLE and DEADLINE_EXCEEDED with backoff behind a circuit breaker (see SalesforceResilience).
    private readonly ResiliencePipeline _pipeline = pipeline ?? ResiliencePipeline.Empty;

    private readonly ConcurrentDictionary<string, RecordSchema> _schemas = new(StringComparer.Ordinal);

    public int Count => _schemas.Count;

    /// <exception cref="Grpc.Core.RpcException">GetSchema failed.</exception>
    /// <exception cref="AvroException">The schema is not an Avro record schema.</exception>
    public async Task<RecordSchema> GetSchemaAsync(string schemaId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaId);
        if (_schemas.TryGetValue(schemaId, out var cached))
        {
            return cached;
        }

        // Each attempt asks for the current token and gets its own deadline.
        var info = await _pipeline.ExecuteAsync(
            async token =>
            {
                var authorization = await credentials.AuthorizeAsync(token);
                var deadline = timeProvider.GetUtcNow().UtcDateTime + options.Value.CallDeadline;
                return await client.GetSchemaAsync(new SchemaRequest { SchemaId = schemaId }, authorization.Headers, deadline, token);
            },
            ct);
        if (Schema.Parse(info.SchemaJson) is not RecordSchema schema)
        {
            throw new AvroException($"Schema {schemaId} is not an Avro record schema.");
        }

        logger.SchemaFetched(schemaId, schema.Fullname, info.RpcId);
        return _schemas.GetOrAdd(schemaId, schema);
    }
}
