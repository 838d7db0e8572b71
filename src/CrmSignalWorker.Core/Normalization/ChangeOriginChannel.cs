using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>The write path of a CDC change, how sure that is, and what settled it.</summary>
/// <param name="ClientName">The API client id (e.g. <c>MarketoSync</c>) for API and bulk writes that set one.</param>
/// <param name="Evidence">Short human-readable reason, e.g. <c>changeOrigin client=MarketoSync</c>.</param>
public sealed record ChangeOriginChannel(Channel Channel, string? ClientName, ChangeOriginConfidence Confidence, string Evidence);
