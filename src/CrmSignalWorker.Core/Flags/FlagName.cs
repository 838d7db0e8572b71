namespace CrmSignalWorker.Core.Flags;

/// <summary>Rules for the names of automations a flag can pause; they end up in Redis keys and Salesforce.</summary>
public static class FlagName
{
    public const int MaxLength = 80;

    /// <summary>Returns null when valid, or the reason the name is rejected.</summary>
    public static string? Validate(string? automation)
    {
        if (string.IsNullOrWhiteSpace(automation))
        {
            return "an automation name is required";
        }

        if (automation.Length > MaxLength)
        {
            return $"the automation name is longer than {MaxLength} characters";
        }

        foreach (var c in automation)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return $"the automation name '{automation}' may hold only letters, digits, '_', '-' and '.'";
            }
        }

        return null;
    }
}
