using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.Simulator.Query;

/// <summary>Runs a bound query: drop deleted rows unless queryAll, filter, sort (stable), limit.</summary>
internal static class QueryExecutor
{
    public static List<SObjectRecord> Execute(OrgDatabase database, BoundQuery query, bool includeDeleted)
    {
        IEnumerable<SObjectRecord> rows = query.Table.Rows;
        if (!includeDeleted)
        {
            rows = rows.Where(r => !r.IsDeleted);
        }

        rows = rows.Where(query.Filter);
        if (query.OrderBy.Count > 0)
        {
            rows = rows.Order(new RecordComparer(database, query.OrderBy));
        }

        if (query.Limit is { } limit)
        {
            rows = rows.Take(limit);
        }

        return [.. rows];
    }

    private sealed class RecordComparer(OrgDatabase database, IReadOnlyList<BoundOrdering> orderBy) : IComparer<SObjectRecord>
    {
        public int Compare(SObjectRecord? x, SObjectRecord? y)
        {
            foreach (var ordering in orderBy)
            {
                var left = ordering.Field.Read(database, x!);
                var right = ordering.Field.Read(database, y!);
                var order = left is null || right is null
                    ? ValueComparer.CompareForSort(ordering.Field.Field.Type, left, right, ordering.NullsFirst)
                    : ValueComparer.Compare(ordering.Field.Field.Type, left, right) * (ordering.Descending ? -1 : 1);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }
    }
}
