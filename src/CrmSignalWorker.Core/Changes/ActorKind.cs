namespace CrmSignalWorker.Core.Changes;

/// <summary>Who, in kind, made a write. Never guessed: what no rule settles stays <see cref="Unknown"/>.</summary>
public enum ActorKind
{
    Unknown = 0,
    Human = 1,
    Integration = 2,
    Automation = 3,
    System = 4,
}
