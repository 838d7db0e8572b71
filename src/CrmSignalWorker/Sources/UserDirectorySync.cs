using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Storage.Actors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>Reads the org's users, classifies them, stores the directory and returns it for normalization.</summary>
public sealed class UserDirectorySync(
    UserReader reader,
    UserStore store,
    IOptions<AttributionOptions> options,
    TimeProvider timeProvider,
    ILogger<UserDirectorySync> logger)
{
    public async Task<ActorDirectory> SyncAsync(CancellationToken ct)
    {
        var classifier = new ActorClassifier(options.Value.ToRules());
        var users = await reader.ReadAllAsync(options.Value.MarketField, ct);
        var classified = users.Select(u => (User: u, Actor: classifier.Classify(u))).ToList();
        await store.UpsertAsync(classified, timeProvider.GetUtcNow(), ct);
        logger.UsersSynced(classified.Count, classified.Count(c => c.Actor.Kind == ActorKind.Human && c.Actor.Team is null));
        return new ActorDirectory(classified.Select(c => c.Actor));
    }
}
