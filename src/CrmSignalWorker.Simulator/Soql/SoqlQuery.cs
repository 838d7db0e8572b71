namespace CrmSignalWorker.Simulator.Soql;

/// <summary>The parsed form of <c>SELECT … FROM … [WHERE …] [ORDER BY …] [LIMIT n]</c>.</summary>
internal sealed record SoqlQuery(
    IReadOnlyList<SoqlFieldPath> Fields,
    string ObjectName,
    int ObjectPosition,
    SoqlCondition? Where,
    IReadOnlyList<SoqlOrdering> OrderBy,
    int? Limit);

/// <summary>A field, possibly reached through lookups: <c>Profile.UserLicense.Name</c>.</summary>
internal sealed record SoqlFieldPath(IReadOnlyList<string> Segments, int Position)
{
    public override string ToString() => string.Join('.', Segments);
}

/// <param name="NullsFirst">SOQL's default is nulls first when ascending and last when descending.</param>
internal sealed record SoqlOrdering(SoqlFieldPath Field, bool Descending, bool NullsFirst);

internal abstract record SoqlCondition;

internal sealed record SoqlComparison(SoqlFieldPath Field, SoqlOperator Operator, SoqlLiteral Value) : SoqlCondition;

internal sealed record SoqlIn(SoqlFieldPath Field, bool Negated, IReadOnlyList<SoqlLiteral> Values) : SoqlCondition;

internal sealed record SoqlAnd(IReadOnlyList<SoqlCondition> Operands) : SoqlCondition;

internal sealed record SoqlOr(IReadOnlyList<SoqlCondition> Operands) : SoqlCondition;

internal sealed record SoqlNot(SoqlCondition Operand) : SoqlCondition;

internal enum SoqlOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal enum SoqlLiteralKind
{
    String,
    Number,
    Date,
    DateTime,
    Boolean,
    Null,
}

/// <param name="Value">string, decimal, DateOnly, DateTimeOffset, bool, or null.</param>
internal sealed record SoqlLiteral(SoqlLiteralKind Kind, object? Value, string Text, int Position);
