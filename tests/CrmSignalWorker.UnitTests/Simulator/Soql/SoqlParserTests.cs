using CrmSignalWorker.Simulator.Soql;

namespace CrmSignalWorker.UnitTests.Simulator.Soql;

public sealed class SoqlParserTests
{
    [Fact]
    public void Parse_FullQuery_ReturnsEveryClause()
    {
        var query = SoqlParser.Parse(
            "SELECT Id, OpportunityId, CreatedBy.Profile.Name FROM OpportunityFieldHistory "
            + "WHERE CreatedDate >= 2026-11-01T00:00:00Z AND Field IN ('StageName', 'Amount') ORDER BY CreatedDate, Id DESC LIMIT 500");

        Assert.Equal(["Id", "OpportunityId", "CreatedBy.Profile.Name"], query.Fields.Select(f => f.ToString()));
        Assert.Equal("OpportunityFieldHistory", query.ObjectName);
        var and = Assert.IsType<SoqlAnd>(query.Where);
        var since = Assert.IsType<SoqlComparison>(and.Operands[0]);
        Assert.Equal(SoqlOperator.GreaterOrEqual, since.Operator);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), since.Value.Value);
        var fields = Assert.IsType<SoqlIn>(and.Operands[1]);
        Assert.False(fields.Negated);
        Assert.Equal(["StageName", "Amount"], fields.Values.Select(v => v.Value));
        Assert.Equal(2, query.OrderBy.Count);
        Assert.False(query.OrderBy[0].Descending);
        Assert.True(query.OrderBy[1].Descending);
        Assert.Equal(500, query.Limit);
    }

    [Fact]
    public void Parse_LowerCaseKeywords_AreAccepted()
    {
        var query = SoqlParser.Parse("select id from user where isactive = true order by name asc nulls last limit 5");

        Assert.Equal("user", query.ObjectName);
        Assert.Equal(true, Assert.IsType<SoqlComparison>(query.Where).Value.Value);
        Assert.False(query.OrderBy[0].NullsFirst);
        Assert.Equal(5, query.Limit);
    }

    [Theory]
    [InlineData("2026-11-01T00:00:00Z", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T10:00:00.000+0000", "2026-11-01T10:00:00+00:00")]
    [InlineData("2026-11-01T10:00:00-08:00", "2026-11-01T18:00:00+00:00")]
    [InlineData("2026-11-01T10:00:00.250+0130", "2026-11-01T08:30:00.25+00:00")]
    public void Parse_DateTimeLiteral_IsReadAsUtcInstant(string literal, string expectedUtc)
    {
        var query = SoqlParser.Parse($"SELECT Id FROM User WHERE CreatedDate > {literal}");

        var value = Assert.IsType<DateTimeOffset>(Assert.IsType<SoqlComparison>(query.Where).Value.Value);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void Parse_DateLiteral_IsReadAsDate()
    {
        var query = SoqlParser.Parse("SELECT Id FROM OpportunityHistory WHERE CloseDate <= 2026-12-31");

        var comparison = Assert.IsType<SoqlComparison>(query.Where);
        Assert.Equal(SoqlLiteralKind.Date, comparison.Value.Kind);
        Assert.Equal(new DateOnly(2026, 12, 31), comparison.Value.Value);
    }

    [Fact]
    public void Parse_StringWithEscapedQuote_UnescapesIt()
    {
        var query = SoqlParser.Parse(@"SELECT Id FROM User WHERE Name = 'O\'Brien \\ co'");

        Assert.Equal(@"O'Brien \ co", Assert.IsType<SoqlComparison>(query.Where).Value.Value);
    }

    [Theory]
    [InlineData("Amount > -1500.5", "Number")]
    [InlineData("IsDeleted = false", "Boolean")]
    [InlineData("ProfileId = null", "Null")]
    [InlineData("Name != 'x'", "String")]
    public void Parse_LiteralKinds_AreRecognised(string condition, string expectedKind)
    {
        var query = SoqlParser.Parse($"SELECT Id FROM User WHERE {condition}");

        Assert.Equal(expectedKind, Assert.IsType<SoqlComparison>(query.Where).Value.Kind.ToString());
    }

    [Fact]
    public void Parse_NegatedInAndParentheses_BuildsTree()
    {
        var query = SoqlParser.Parse("SELECT Id FROM User WHERE NOT (Name = 'a' OR Name = 'b') AND UserType NOT IN ('Guest')");

        var and = Assert.IsType<SoqlAnd>(query.Where);
        var not = Assert.IsType<SoqlNot>(and.Operands[0]);
        Assert.Equal(2, Assert.IsType<SoqlOr>(not.Operand).Operands.Count);
        Assert.True(Assert.IsType<SoqlIn>(and.Operands[1]).Negated);
    }

    [Theory]
    [InlineData("SELECT FROM User", "unexpected token: 'FROM' (expected a field name)")]
    [InlineData("SELECT Id User", "unexpected token: 'User' (expected FROM)")]
    [InlineData("SELECT Id FROM", "unexpected token: <EOF> (expected an object name after FROM)")]
    [InlineData("SELECT Id FROM User WHERE", "unexpected token: <EOF> (expected a field name in the WHERE clause)")]
    [InlineData("SELECT Id FROM User WHERE Name 'x'", "expected an operator (=, !=, <, <=, >, >=, IN) after Name")]
    [InlineData("SELECT Id FROM User WHERE Name =", "unexpected token: <EOF> (expected a value")]
    [InlineData("SELECT Id FROM User WHERE Name = 'unterminated", "unterminated string literal")]
    [InlineData("SELECT Id FROM User WHERE Name = 'a\\qb'", "invalid escape sequence '\\q'")]
    [InlineData("SELECT Id FROM User WHERE CreatedDate > 2026-13-01T00:00:00Z", "invalid dateTime literal '2026-13-01T00:00:00Z'")]
    [InlineData("SELECT Id FROM User WHERE CreatedDate > 2026-11-01T00:00:00", "invalid dateTime literal")]
    [InlineData("SELECT Id FROM User WHERE CloseDate > 2026-02-30", "invalid date literal '2026-02-30'")]
    [InlineData("SELECT Id FROM User WHERE CreatedDate > TODAY", "date literals such as TODAY are not supported")]
    [InlineData("SELECT Id FROM User WHERE A = 'a' AND B = 'b' OR C = 'c'", "unexpected token: 'OR' (use parentheses when mixing AND and OR)")]
    [InlineData("SELECT Id FROM User WHERE (Name = 'a'", "unexpected token: <EOF> (expected ')' to close the parenthesis)")]
    [InlineData("SELECT Id FROM User WHERE Name IN 'a'", "expected '(' to start the IN list")]
    [InlineData("SELECT Id FROM User LIMIT -1", "expected a non-negative integer after LIMIT")]
    [InlineData("SELECT Id FROM User LIMIT 10 extra", "unexpected token: 'extra'")]
    [InlineData("SELECT Id, id FROM User", "duplicate field selected: id")]
    [InlineData("SELECT COUNT() FROM User", "functions such as COUNT() are not supported")]
    [InlineData("SELECT Id FROM User ORDER BY Name NULLS MIDDLE", "expected FIRST or LAST after NULLS")]
    [InlineData("SELECT Id FROM User WHERE Name # 'x'", "unexpected character '#'")]
    [InlineData("UPDATE User SET Name = 'x'", "unexpected token: 'UPDATE' (expected SELECT)")]
    public void Parse_MalformedQuery_ThrowsMalformedQueryNamingTheProblem(string soql, string expectedReason)
    {
        var error = Assert.Throws<SoqlException>(() => SoqlParser.Parse(soql));

        Assert.Equal(SoqlErrorCodes.MalformedQuery, error.ErrorCode);
        Assert.Contains(expectedReason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedQuery_PointsAtRowAndColumn()
    {
        var error = Assert.Throws<SoqlException>(() => SoqlParser.Parse("SELECT Id\nFROM User\nWHERE Name = = 'x'"));

        Assert.Contains("ERROR at Row:3:Column:14", error.Message, StringComparison.Ordinal);
        Assert.Contains("WHERE Name = = 'x'\n             ^", error.Message, StringComparison.Ordinal);
    }
}
