namespace Tma.CaseStore;

/// <summary>What happened to a case in one event of its timeline (<see cref="CaseStore.GetTimelineAsync"/>).</summary>
public enum TimelineEventKind
{
    /// <summary>The case was opened. Facts: <c>category</c>.</summary>
    Opened = 1,

    /// <summary>The case moved to another stage. Facts: <c>from</c>, <c>to</c> (<see cref="CaseStatus"/> names).</summary>
    Status = 2,

    /// <summary>The responsible case manager changed. Facts: <c>owner</c> when known (the current owner, on the latest change).</summary>
    Owner = 3,

    /// <summary>A member joined (or changed role) or left the team. Facts: <c>change</c> (<c>added</c>, <c>removed</c>), <c>role</c> (<see cref="CaseMemberRole"/> name, when added), <c>userId</c> when known.</summary>
    Member = 4,

    /// <summary>A person was recorded on the case or removed from it. Facts: <c>change</c> (<c>added</c>, <c>removed</c>), <c>role</c> (<see cref="PersonRole"/> name), <c>reference</c> (while not removed).</summary>
    Person = 5,

    /// <summary>An observation was entered. Facts: <c>input</c>, <c>value</c>, <c>observedAt</c> (ISO 8601), <c>reliability</c> (when stated), <c>correction</c> (<c>true</c> when it corrects an earlier one).</summary>
    Observation = 6,

    /// <summary>A model assessed the case. Facts: <c>model</c>, <c>version</c>, <c>level</c>, <c>conclusion</c> (<c>level</c>, <c>lower_bound</c>, <c>unassessable</c>), <c>asOf</c>, <c>challenger</c> (<c>true</c> for a challenger, whose level is then left out).</summary>
    Assessment = 7,

    /// <summary>A case manager recorded a decision. Facts: <c>level</c>, <c>agreement</c> (<see cref="ModelAgreement"/> name), <c>status</c> (<see cref="DecisionStatus"/> name, as it stands now), <c>model</c> and <c>version</c> of the assessment it refers to, if any.</summary>
    Decision = 8,

    /// <summary>A second case manager confirmed or rejected an override. Facts: <c>outcome</c> (<see cref="DecisionStatus"/> name), <c>comment</c> (when given).</summary>
    DecisionReview = 9,

    /// <summary>A task was created. Facts: <c>title</c>, <c>owner</c>, <c>dueAt</c>.</summary>
    Task = 10,

    /// <summary>A task was completed. Facts: <c>title</c>, <c>note</c> (the completion note).</summary>
    TaskDone = 11,

    /// <summary>A task was cancelled. Facts: <c>title</c>, <c>reason</c>.</summary>
    TaskCancelled = 12,

    /// <summary>A member wrote a note. Facts: <c>text</c> (only where note texts are included), <c>reply</c> (<c>true</c> when it answers another note).</summary>
    Note = 13,

    /// <summary>A document was attached. Facts: <c>name</c> (only where document names are included), <c>size</c>.</summary>
    Document = 14,

    /// <summary>The team set or cleared the next review. Facts: <c>dueAt</c> (ISO 8601) or <c>cleared</c> = <c>true</c>.</summary>
    Review = 15,
}

/// <summary>
/// One event of a case's timeline: when, what, who, and the facts it concerns (case content, decrypted, for the
/// members of the case). Texts for people are made from <see cref="Kind"/> and <see cref="Facts"/> by the host, in
/// German and English.
/// </summary>
/// <param name="At">When it happened (the store's clock when it was recorded).</param>
/// <param name="Kind">What happened.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="RefId">The record it concerns (observation, assessment, decision, task, note, document, person), if any.</param>
/// <param name="Facts">The event's facts by stable name (see <see cref="TimelineEventKind"/>); values are invariant strings.</param>
public sealed record TimelineEvent(DateTimeOffset At, TimelineEventKind Kind, string ActorId, Guid? RefId, IReadOnlyDictionary<string, string> Facts);

/// <summary>A case's timeline, oldest first.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Events">The events in the order they happened (ties in a stable order).</param>
public sealed record CaseTimeline(Guid CaseId, IReadOnlyList<TimelineEvent> Events);
