using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Notifications.Slack;

/// <summary>Source-generated from the data annotations on <see cref="SlackOptions"/>.</summary>
[OptionsValidator]
public sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>;
