namespace CrmSignalWorker.Salesforce.Limits;

/// <summary>How much a piece of work needs the Salesforce API, which decides when the budget guard holds it back.</summary>
public enum ApiDemand
{
    /// <summary>Makes no budgeted Salesforce calls (signals, digests, delivery, flags, the /limits check): never held back.</summary>
    None,

    /// <summary>Reads the data itself (history of the tracked objects): held back only while the allocation is used up.</summary>
    Essential,

    /// <summary>Enrichment (user directory, record sync): also held back above Salesforce:ApiBudgetShare.</summary>
    NonEssential,
}
