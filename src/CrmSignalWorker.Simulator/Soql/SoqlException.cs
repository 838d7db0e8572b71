namespace CrmSignalWorker.Simulator.Soql;

/// <summary>A query Salesforce would reject with HTTP 400; <see cref="ErrorCode"/> is the REST errorCode.</summary>
internal sealed class SoqlException : Exception
{
    public SoqlException(string errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    public SoqlException()
        : this(SoqlErrorCodes.MalformedQuery, "malformed query")
    {
    }

    public SoqlException(string message)
        : this(SoqlErrorCodes.MalformedQuery, message)
    {
    }

    public SoqlException(string message, Exception innerException)
        : base(message, innerException) => ErrorCode = SoqlErrorCodes.MalformedQuery;

    public string ErrorCode { get; }
}

internal static class SoqlErrorCodes
{
    public const string MalformedQuery = "MALFORMED_QUERY";
    public const string InvalidType = "INVALID_TYPE";
    public const string InvalidField = "INVALID_FIELD";
    public const string InvalidFilterOperator = "INVALID_QUERY_FILTER_OPERATOR";
}

/// <summary>Formats errors as Salesforce does: the offending line, a caret, the row and column, then the reason.</summary>
internal static class SoqlErrors
{
    public static SoqlException At(string errorCode, string soql, int position, string reason)
    {
        var lineStart = position == 0 ? 0 : soql.LastIndexOf('\n', Math.Min(position, soql.Length) - 1) + 1;
        var lineEnd = soql.IndexOf('\n', lineStart);
        var line = lineEnd < 0 ? soql[lineStart..] : soql[lineStart..lineEnd];
        var row = 1 + soql.AsSpan(0, lineStart).Count('\n');
        var column = position - lineStart + 1;
        var message = $"\n{line.TrimEnd('\r')}\n{new string(' ', column - 1)}^\nERROR at Row:{row}:Column:{column}\n{reason}";
        return new SoqlException(errorCode, message);
    }

    public static SoqlException Malformed(string soql, int position, string reason) =>
        At(SoqlErrorCodes.MalformedQuery, soql, position, reason);
}
