using CrmSignalWorker.Simulator.Query;
using CrmSignalWorker.Simulator.Soql;

namespace CrmSignalWorker.UnitTests.Simulator.Query;

public sealed class QueryBinderTests
{
    [Theory]
    [InlineData("SELECT Id FROM Account", SoqlErrorCodes.InvalidType, "sObject type 'Account' is not supported")]
    [InlineData("SELECT Id, Bogus__c FROM User", SoqlErrorCodes.InvalidField, "No such column 'Bogus__c' on entity 'User'")]
    [InlineData("SELECT Id, Profile.Bogus FROM User", SoqlErrorCodes.InvalidField, "No such column 'Bogus' on entity 'Profile'")]
    [InlineData("SELECT Id, Manager.Name FROM User", SoqlErrorCodes.InvalidField, "Didn't understand relationship 'Manager' in field path")]
    [InlineData("SELECT Profile FROM User", SoqlErrorCodes.InvalidField, "No such column 'Profile' on entity 'User'")]
    [InlineData("SELECT Id FROM OpportunityFieldHistory WHERE NewValue = 'x'", SoqlErrorCodes.InvalidField, "field 'NewValue' can not be filtered in a query call")]
    [InlineData("SELECT Id FROM User WHERE CreatedDate > '2026-11-01T00:00:00Z'", SoqlErrorCodes.InvalidField, "must be of type dateTime and should not be enclosed in quotes")]
    [InlineData("SELECT Id FROM User WHERE CreatedDate > 2026-11-01", SoqlErrorCodes.InvalidField, "must be of type dateTime")]
    [InlineData("SELECT Id FROM User WHERE Name = 5", SoqlErrorCodes.InvalidField, "must be of type string and should be enclosed in quotes")]
    [InlineData("SELECT Id FROM User WHERE IsActive = 'true'", SoqlErrorCodes.InvalidField, "must be of type boolean")]
    [InlineData("SELECT Id FROM User WHERE Id = '005-not-an-id'", SoqlErrorCodes.InvalidFilterOperator, "invalid ID field: 005-not-an-id")]
    [InlineData("SELECT Id FROM User WHERE IsActive > true", SoqlErrorCodes.InvalidFilterOperator, "invalid operator on boolean field: IsActive")]
    [InlineData("SELECT Id FROM User WHERE CreatedDate > null", SoqlErrorCodes.InvalidFilterOperator, "null can only be compared with = or !=")]
    public void Bind_QueryThatDoesNotFitSchema_ThrowsSalesforceError(string soql, string errorCode, string reason)
    {
        var error = Assert.Throws<SoqlException>(() => Bind(soql));

        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnknownFieldBehindRelationship_PointsAtTheField()
    {
        var error = Assert.Throws<SoqlException>(() => Bind("SELECT Profile.Bogus FROM User"));

        Assert.Contains("ERROR at Row:1:Column:16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NamesInAnyCase_ResolveToCanonicalNames()
    {
        var bound = Bind("select id, profile.userlicense.name from USER");

        Assert.Equal("User", bound.Table.Type.Name);
        Assert.Equal(["Id", "Profile"], bound.Selection.Members.Select(m => m.Name));
        var license = bound.Selection.Members[1].Child!.Members.Single();
        Assert.Equal("UserLicense", license.Name);
        Assert.Equal("Name", license.Child!.Members.Single().Name);
    }

    private static BoundQuery Bind(string soql) => new QueryBinder(TestOrg.Create(), soql).Bind(SoqlParser.Parse(soql));
}
