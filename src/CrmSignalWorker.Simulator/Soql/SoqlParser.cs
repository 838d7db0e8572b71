namespace CrmSignalWorker.Simulator.Soql;

/// <summary>
/// Recursive-descent parser for the SOQL subset the simulator serves:
/// <code>
/// query     := SELECT path {, path} FROM name [WHERE condition] [ORDER BY ordering {, ordering}] [LIMIT integer]
/// condition := factor {AND factor} | factor {OR factor}        (mixing AND and OR needs parentheses, as in SOQL)
/// factor    := NOT factor | ( condition ) | path op literal | path [NOT] IN ( literal {, literal} )
/// ordering  := path [ASC | DESC] [NULLS FIRST | NULLS LAST]
/// </code>
/// </summary>
internal sealed class SoqlParser
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "ASC", "DESC", "NULLS",
        "LIMIT", "OFFSET", "GROUP", "HAVING", "WITH", "FOR", "USING", "TRUE", "FALSE", "NULL", "INCLUDES", "EXCLUDES",
    };

    private readonly string _soql;
    private readonly List<SoqlToken> _tokens;
    private int _index;

    private SoqlParser(string soql)
    {
        _soql = soql;
        _tokens = SoqlLexer.Tokenize(soql);
    }

    private SoqlToken Current => _tokens[_index];

    public static SoqlQuery Parse(string soql)
    {
        ArgumentNullException.ThrowIfNull(soql);
        return new SoqlParser(soql).ParseQuery();
    }

    private SoqlQuery ParseQuery()
    {
        ExpectKeyword("SELECT");
        var fields = ParseSelectList();
        ExpectKeyword("FROM");
        var objectToken = Current;
        var objectName = ExpectName("an object name after FROM");

        SoqlCondition? where = null;
        if (TryKeyword("WHERE"))
        {
            where = ParseCondition();
        }

        var orderBy = new List<SoqlOrdering>();
        if (TryKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                orderBy.Add(ParseOrdering());
            }
            while (TryToken(SoqlTokenKind.Comma));
        }

        int? limit = null;
        if (TryKeyword("LIMIT"))
        {
            limit = ParseLimit();
        }

        if (Current.Kind != SoqlTokenKind.End)
        {
            throw Unexpected(Current.IsKeyword("OFFSET") || Current.IsKeyword("GROUP") || Current.IsKeyword("HAVING")
                ? $"{Current.Text.ToUpperInvariant()} is not supported by the simulator"
                : "expected WHERE, ORDER BY, LIMIT or the end of the query");
        }

        return new SoqlQuery(fields, objectName, objectToken.Position, where, orderBy, limit);
    }

    private List<SoqlFieldPath> ParseSelectList()
    {
        var fields = new List<SoqlFieldPath>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        do
        {
            if (Current.Kind == SoqlTokenKind.OpenParen)
            {
                throw Unexpected("subqueries are not supported by the simulator");
            }

            var path = ParsePath("a field name");
            if (Current.Kind == SoqlTokenKind.OpenParen)
            {
                throw SoqlErrors.Malformed(_soql, path.Position, $"functions such as {path}() are not supported by the simulator");
            }

            if (!seen.Add(path.ToString()))
            {
                throw SoqlErrors.Malformed(_soql, path.Position, $"duplicate field selected: {path}");
            }

            fields.Add(path);
        }
        while (TryToken(SoqlTokenKind.Comma));

        return fields;
    }

    private SoqlCondition ParseCondition()
    {
        var first = ParseFactor();
        string? joiner = Current.IsKeyword("AND") ? "AND" : Current.IsKeyword("OR") ? "OR" : null;
        if (joiner is null)
        {
            return first;
        }

        var operands = new List<SoqlCondition> { first };
        while (TryKeyword(joiner))
        {
            operands.Add(ParseFactor());
        }

        var other = joiner == "AND" ? "OR" : "AND";
        if (Current.IsKeyword(other))
        {
            throw Unexpected("use parentheses when mixing AND and OR");
        }

        return joiner == "AND" ? new SoqlAnd(operands) : new SoqlOr(operands);
    }

    private SoqlCondition ParseFactor()
    {
        if (TryKeyword("NOT"))
        {
            return new SoqlNot(ParseFactor());
        }

        if (TryToken(SoqlTokenKind.OpenParen))
        {
            var inner = ParseCondition();
            Expect(SoqlTokenKind.CloseParen, "')' to close the parenthesis");
            return inner;
        }

        var field = ParsePath("a field name in the WHERE clause");
        if (Current.Kind == SoqlTokenKind.Operator)
        {
            var op = ParseOperator(Current);
            _index++;
            return new SoqlComparison(field, op, ParseLiteral());
        }

        var negated = TryKeyword("NOT");
        if (TryKeyword("IN"))
        {
            return new SoqlIn(field, negated, ParseLiteralList());
        }

        if (!negated && Current.IsKeyword("LIKE"))
        {
            throw Unexpected("LIKE is not supported by the simulator");
        }

        throw Unexpected(negated ? "expected IN after NOT" : $"expected an operator (=, !=, <, <=, >, >=, IN) after {field}");
    }

    private List<SoqlLiteral> ParseLiteralList()
    {
        Expect(SoqlTokenKind.OpenParen, "'(' to start the IN list");
        if (Current.IsKeyword("SELECT"))
        {
            throw Unexpected("semi-join subqueries are not supported by the simulator");
        }

        var values = new List<SoqlLiteral>();
        do
        {
            values.Add(ParseLiteral());
        }
        while (TryToken(SoqlTokenKind.Comma));

        Expect(SoqlTokenKind.CloseParen, "')' to close the IN list");
        return values;
    }

    private SoqlLiteral ParseLiteral()
    {
        var token = Current;
        SoqlLiteral? literal = token.Kind switch
        {
            SoqlTokenKind.String => new SoqlLiteral(SoqlLiteralKind.String, token.Value, token.Text, token.Position),
            SoqlTokenKind.Number => new SoqlLiteral(SoqlLiteralKind.Number, token.Value, token.Text, token.Position),
            SoqlTokenKind.Date => new SoqlLiteral(SoqlLiteralKind.Date, token.Value, token.Text, token.Position),
            SoqlTokenKind.DateTime => new SoqlLiteral(SoqlLiteralKind.DateTime, token.Value, token.Text, token.Position),
            SoqlTokenKind.Identifier when token.IsKeyword("TRUE") => new SoqlLiteral(SoqlLiteralKind.Boolean, true, token.Text, token.Position),
            SoqlTokenKind.Identifier when token.IsKeyword("FALSE") => new SoqlLiteral(SoqlLiteralKind.Boolean, false, token.Text, token.Position),
            SoqlTokenKind.Identifier when token.IsKeyword("NULL") => new SoqlLiteral(SoqlLiteralKind.Null, null, token.Text, token.Position),
            _ => null,
        };

        if (literal is null)
        {
            throw Unexpected(token.Kind == SoqlTokenKind.Identifier
                ? "expected a value: a quoted string, number, date, dateTime, true, false or null (date literals such as TODAY are not supported by the simulator)"
                : "expected a value: a quoted string, number, date, dateTime, true, false or null");
        }

        _index++;
        return literal;
    }

    private SoqlOrdering ParseOrdering()
    {
        var field = ParsePath("a field name in ORDER BY");
        var descending = false;
        if (TryKeyword("DESC"))
        {
            descending = true;
        }
        else
        {
            TryKeyword("ASC");
        }

        var nullsFirst = !descending;
        if (TryKeyword("NULLS"))
        {
            if (TryKeyword("FIRST"))
            {
                nullsFirst = true;
            }
            else if (TryKeyword("LAST"))
            {
                nullsFirst = false;
            }
            else
            {
                throw Unexpected("expected FIRST or LAST after NULLS");
            }
        }

        return new SoqlOrdering(field, descending, nullsFirst);
    }

    private int ParseLimit()
    {
        var token = Current;
        if (token is not { Kind: SoqlTokenKind.Number, Value: decimal value } || value < 0 || value != decimal.Truncate(value) || value > int.MaxValue)
        {
            throw Unexpected("expected a non-negative integer after LIMIT");
        }

        _index++;
        return (int)value;
    }

    private SoqlFieldPath ParsePath(string expected)
    {
        var start = Current.Position;
        var segments = new List<string> { ExpectName(expected) };
        while (TryToken(SoqlTokenKind.Dot))
        {
            segments.Add(ExpectName("a field name after '.'"));
        }

        return new SoqlFieldPath(segments, start);
    }

    private string ExpectName(string expected)
    {
        var token = Current;
        if (token.Kind != SoqlTokenKind.Identifier || s_reserved.Contains(token.Text))
        {
            throw Unexpected($"expected {expected}");
        }

        _index++;
        return token.Text;
    }

    private static SoqlOperator ParseOperator(SoqlToken token) => token.Text switch
    {
        "=" => SoqlOperator.Equal,
        "!=" or "<>" => SoqlOperator.NotEqual,
        "<" => SoqlOperator.Less,
        "<=" => SoqlOperator.LessOrEqual,
        ">" => SoqlOperator.Greater,
        _ => SoqlOperator.GreaterOrEqual,
    };

    private void ExpectKeyword(string keyword)
    {
        if (!TryKeyword(keyword))
        {
            throw Unexpected($"expected {keyword}");
        }
    }

    private void Expect(SoqlTokenKind kind, string expected)
    {
        if (!TryToken(kind))
        {
            throw Unexpected($"expected {expected}");
        }
    }

    private bool TryKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        _index++;
        return true;
    }

    private bool TryToken(SoqlTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _index++;
        return true;
    }

    private SoqlException Unexpected(string hint) =>
        SoqlErrors.Malformed(_soql, Current.Position, $"unexpected token: {Current.Describe()} ({hint})");
}
