using CrmSignalWorker.Simulator.Data;
using CrmSignalWorker.Simulator.Soql;

namespace CrmSignalWorker.Simulator.Query;

/// <summary>
/// Checks a parsed query against the schema and compiles its WHERE clause. The checks and their messages follow
/// Salesforce: unknown object is INVALID_TYPE, unknown field or wrongly typed value is INVALID_FIELD.
/// </summary>
internal sealed class QueryBinder(OrgDatabase database, string soql)
{
    public BoundQuery Bind(SoqlQuery query)
    {
        var table = database.FindTable(query.ObjectName)
            ?? throw SoqlErrors.At(
                SoqlErrorCodes.InvalidType, soql, query.ObjectPosition,
                $"sObject type '{query.ObjectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' "
                + "after the entity name. Please reference your WSDL or the describe call for the appropriate names.");

        var selection = new Selection(table.Type);
        foreach (var path in query.Fields)
        {
            selection.Add(Resolve(table.Type, path));
        }

        var filter = query.Where is null ? (_ => true) : Compile(table.Type, query.Where);
        var orderBy = query.OrderBy.Select(o => new BoundOrdering(ResolveSortable(table.Type, o.Field), o.Descending, o.NullsFirst)).ToList();
        return new BoundQuery(table, selection, filter, orderBy, query.Limit);
    }

    private BoundField Resolve(SObjectType root, SoqlFieldPath path)
    {
        var type = root;
        var relationships = new List<SObjectRelationship>();
        var position = path.Position;
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            var name = path.Segments[i];
            var relationship = type.FindRelationship(name)
                ?? throw SoqlErrors.At(
                    SoqlErrorCodes.InvalidField, soql, position,
                    $"Didn't understand relationship '{name}' in field path. If you are attempting to use a custom relationship, be sure to append "
                    + "the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
            relationships.Add(relationship);
            type = OrgSchemaLookup.TypeOf(relationship);
            position += name.Length + 1;
        }

        var fieldName = path.Segments[^1];
        var field = type.FindField(fieldName)
            ?? throw SoqlErrors.At(
                SoqlErrorCodes.InvalidField, soql, position,
                $"No such column '{fieldName}' on entity '{type.Name}'. If you are attempting to use a custom field, be sure to append the '__c' "
                + "after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
        return new BoundField(relationships, field);
    }

    private BoundField ResolveSortable(SObjectType root, SoqlFieldPath path)
    {
        var field = Resolve(root, path);
        return field.Field.Sortable
            ? field
            : throw SoqlErrors.At(SoqlErrorCodes.InvalidField, soql, path.Position, $"field '{field.Field.Name}' can not be sorted in a query call");
    }

    private Func<SObjectRecord, bool> Compile(SObjectType root, SoqlCondition condition)
    {
        switch (condition)
        {
            case SoqlAnd and:
                var all = and.Operands.Select(o => Compile(root, o)).ToArray();
                return r => all.All(f => f(r));
            case SoqlOr or:
                var any = or.Operands.Select(o => Compile(root, o)).ToArray();
                return r => any.Any(f => f(r));
            case SoqlNot not:
                var inner = Compile(root, not.Operand);
                return r => !inner(r);
            case SoqlComparison comparison:
                return CompileComparison(root, comparison);
            case SoqlIn @in:
                return CompileIn(root, @in);
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition node.");
        }
    }

    private Func<SObjectRecord, bool> CompileComparison(SObjectType root, SoqlComparison comparison)
    {
        var field = ResolveFilterable(root, comparison.Field);
        var type = field.Field.Type;
        var op = comparison.Operator;
        var value = Coerce(field.Field, comparison.Value);
        if (value is null && op is not (SoqlOperator.Equal or SoqlOperator.NotEqual))
        {
            throw SoqlErrors.At(
                SoqlErrorCodes.InvalidFilterOperator, soql, comparison.Value.Position, "null can only be compared with = or !=");
        }

        if (type == FieldType.Boolean && op is not (SoqlOperator.Equal or SoqlOperator.NotEqual))
        {
            throw SoqlErrors.At(
                SoqlErrorCodes.InvalidFilterOperator, soql, comparison.Field.Position, $"invalid operator on boolean field: {field.Field.Name}");
        }

        return record =>
        {
            var actual = field.Read(database, record);
            if (actual is null || value is null)
            {
                var bothNull = actual is null && value is null;
                return op == SoqlOperator.Equal ? bothNull : op == SoqlOperator.NotEqual && !bothNull;
            }

            var order = ValueComparer.Compare(type, actual, value);
            return op switch
            {
                SoqlOperator.Equal => order == 0,
                SoqlOperator.NotEqual => order != 0,
                SoqlOperator.Less => order < 0,
                SoqlOperator.LessOrEqual => order <= 0,
                SoqlOperator.Greater => order > 0,
                _ => order >= 0,
            };
        };
    }

    private Func<SObjectRecord, bool> CompileIn(SObjectType root, SoqlIn @in)
    {
        var field = ResolveFilterable(root, @in.Field);
        var values = @in.Values.Select(v => Coerce(field.Field, v)).ToArray();
        return record =>
        {
            var actual = field.Read(database, record);
            var found = values.Any(v => v is null ? actual is null : actual is not null && ValueComparer.Compare(field.Field.Type, actual, v) == 0);
            return found != @in.Negated;
        };
    }

    private BoundField ResolveFilterable(SObjectType root, SoqlFieldPath path)
    {
        var field = Resolve(root, path);
        return field.Field.Filterable
            ? field
            : throw SoqlErrors.At(SoqlErrorCodes.InvalidField, soql, path.Position, $"field '{field.Field.Name}' can not be filtered in a query call");
    }

    /// <summary>Checks the literal against the field's type and returns the value to compare with (null for SOQL null).</summary>
    private object? Coerce(SObjectField field, SoqlLiteral literal)
    {
        if (literal.Kind == SoqlLiteralKind.Null)
        {
            return null;
        }

        var expected = field.Type switch
        {
            FieldType.Boolean => SoqlLiteralKind.Boolean,
            FieldType.DateTime => SoqlLiteralKind.DateTime,
            FieldType.Date => SoqlLiteralKind.Date,
            FieldType.Currency or FieldType.Percent or FieldType.Double => SoqlLiteralKind.Number,
            _ => SoqlLiteralKind.String,
        };

        if (literal.Kind != expected)
        {
            var quoting = expected == SoqlLiteralKind.String ? "should be enclosed in quotes" : "should not be enclosed in quotes";
            throw SoqlErrors.At(
                SoqlErrorCodes.InvalidField, soql, literal.Position,
                $"value of filter criterion for field '{field.Name}' must be of type {TypeName(field.Type)} and {quoting}");
        }

        if (field.Type is FieldType.Id or FieldType.Reference && !SalesforceId.IsWellFormed((string)literal.Value!))
        {
            throw SoqlErrors.At(SoqlErrorCodes.InvalidFilterOperator, soql, literal.Position, $"invalid ID field: {literal.Value}");
        }

        return literal.Value;
    }

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.Id or FieldType.Reference => "id",
        FieldType.DateTime => "dateTime",
        FieldType.Date => "date",
        FieldType.Boolean => "boolean",
        FieldType.Currency => "currency",
        FieldType.Percent => "percent",
        FieldType.Double => "double",
        _ => "string",
    };
}
