using System.Globalization;
using System.IO.Pipes;
using Nut.Monitor.Common;
using Nut.Platform;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// The unprivileged monitoring process's end of the pipe to its privileged parent (see
/// <see cref="PrivilegedParent"/>). The only thing it can say is "shut down now" (one byte, 1); the parent
/// then writes POWERDOWNFLAG and runs SHUTDOWNCMD with the values it read at start.
/// </summary>
public sealed class ParentPipe : IShutdownAgent, IParentWatch, IDisposable
{
    /// <summary>Names the inherited descriptor of the pipe's write end in the child's environment.</summary>
    public const string EnvironmentVariable = "NUTSHARP_UPSMON_PIPE";
    /// <summary>The one request the child can make.</summary>
    public const byte ShutdownRequest = 1;

    readonly AnonymousPipeClientStream _pipe;
    readonly IMonitorLog _log;
    readonly int _fd;

    ParentPipe(AnonymousPipeClientStream pipe, int fd, IMonitorLog log)
    {
        _pipe = pipe;
        _fd = fd;
        _log = log;
    }

    /// <summary>True in the monitoring child started by <see cref="PrivilegedParent"/>.</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 };

    /// <summary>Takes over the inherited pipe end and forgets the variable, so that nothing we start inherits
    /// either (an upssched daemon holding the pipe open would hide our death from the parent).</summary>
    public static ParentPipe? FromEnvironment(IMonitorLog log)
    {
        string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        Environment.SetEnvironmentVariable(EnvironmentVariable, null);
        if (text is null || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int fd) || !Libc.SetCloseOnExec(fd))
            return null;
        return new ParentPipe(new AnonymousPipeClientStream(PipeDirection.Out, text), fd, log);
    }

    public void Shutdown(MonitorSettings settings)
    {
        try
        {
            _pipe.WriteByte(ShutdownRequest);
            _pipe.Flush();
        }
        catch (IOException)
        {
            _log.Log(MonitorLogLevel.Error, "Unable to call parent pipe for shutdown");
        }
    }

    /// <summary>The read end is closed: nobody is left to run SHUTDOWNCMD.</summary>
    public bool ParentGone
    {
        get
        {
            int events = Libc.Poll(_fd, Libc.POLLOUT, 0);
            return events < 0 || (events & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0;
        }
    }

    public void Dispose() => _pipe.Dispose();
}
