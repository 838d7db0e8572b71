using System.ComponentModel.DataAnnotations;

namespace CrmSignalWorker.Core.Configuration;

/// <summary>
/// <see cref="RangeAttribute"/> whose ErrorMessage is honoured. The [OptionsValidator] source generator
/// replaces a plain [Range] with its own copy that drops ErrorMessage and reports the C# property
/// ("SalesforceOptions.BatchSize") instead of the configuration key an operator must fix
/// ("Salesforce:BatchSize"); a derived attribute is used as written.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }
}
