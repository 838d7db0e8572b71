using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>Source-generated from the data annotations on <see cref="SmtpOptions"/>.</summary>
[OptionsValidator]
public sealed partial class SmtpOptionsValidator : IValidateOptions<SmtpOptions>;
