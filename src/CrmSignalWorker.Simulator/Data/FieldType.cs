namespace CrmSignalWorker.Simulator.Data;

/// <summary>The SOAP/describe field types the simulator needs; they decide literal checks, comparison and JSON shape.</summary>
internal enum FieldType
{
    Id,
    Reference,
    String,
    Picklist,
    Boolean,
    DateTime,
    Date,
    Currency,
    Percent,
    Double,
    AnyType,
}
