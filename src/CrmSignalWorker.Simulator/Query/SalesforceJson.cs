using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmSignalWorker.Simulator.Query;

/// <summary>Value formatting as the REST API writes it.</summary>
internal static class SalesforceJson
{
    /// <summary>The default encoder would escape '+' in "+0000"; Salesforce writes it (and non-ASCII names) raw.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                // Currency and percent come back as doubles: 25000.0, never 25000.
                writer.WriteRawValue(number == decimal.Truncate(number)
                    ? number.ToString("0.0", CultureInfo.InvariantCulture)
                    : number.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dateTime:
                writer.WriteStringValue(FormatDateTime(dateTime));
                break;
            case DateOnly date:
                writer.WriteStringValue(FormatDate(date));
                break;
            default:
                throw new ArgumentException($"Unsupported value type {value.GetType()}.", nameof(value));
        }
    }

    /// <summary>Renders a JSON document with the Salesforce writer settings.</summary>
    public static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
