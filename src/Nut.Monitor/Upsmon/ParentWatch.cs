namespace Nut.Monitor.Upsmon;

/// <summary>Whether the privileged parent that would run the shutdown is still there (split-process mode).</summary>
public interface IParentWatch
{
    bool ParentGone { get; }
}
