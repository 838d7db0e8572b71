namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Turns a test's or the scenario's CLR values into the Avro values of a change event field.</summary>
internal static class FieldValues
{
    public static long EpochMilliseconds(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <returns>A string, double, bool or long; null stays null.</returns>
    /// <exception cref="ArgumentException">The value does not fit the field's type.</exception>
    public static object? ToAvro(EventField field, object? value, string path)
    {
        if (value is null)
        {
            return null;
        }

        object? converted = field.Kind switch
        {
            FieldKind.String => value as string,
            FieldKind.Double => value switch
            {
                double d => d,
                float f => (double)f,
                decimal m => (double)m,
                int i => (double)i,
                long l => (double)l,
                _ => null,
            },
            FieldKind.Boolean => value as bool?,
            FieldKind.Date => value switch
            {
                DateOnly d => EpochMilliseconds(d),
                DateTimeOffset o => EpochMilliseconds(DateOnly.FromDateTime(o.UtcDateTime)),
                long l => l,
                _ => null,
            },
            FieldKind.DateTime => value switch
            {
                DateTimeOffset o => o.ToUnixTimeMilliseconds(),
                DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                long l => l,
                _ => null,
            },
            _ => null,
        };

        return converted ?? throw new ArgumentException(
            $"Field '{path}' is {field.Kind}; a {value.GetType().Name} value does not fit it.", nameof(value));
    }
}
