namespace CrmSignalWorker.Simulator.Soql;

internal enum SoqlTokenKind
{
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Comma,
    Dot,
    OpenParen,
    CloseParen,
    Operator,
    End,
}

/// <param name="Value">The parsed literal: string, decimal, DateOnly or DateTimeOffset.</param>
internal readonly record struct SoqlToken(SoqlTokenKind Kind, string Text, int Position, object? Value = null)
{
    public bool IsKeyword(string keyword) =>
        Kind == SoqlTokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind switch
    {
        SoqlTokenKind.End => "<EOF>",
        SoqlTokenKind.String => Text,
        _ => $"'{Text}'",
    };
}
