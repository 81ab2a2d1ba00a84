using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Nut.Core.Config;
using Nut.Platform;

namespace Nut.Tools.Check;

/// <summary>
/// upsd's LISTEN addresses (127.0.0.1 and ::1 on 3493 by default) must be free, or upsd cannot start. Each is
/// tried by binding to it. A port held by the upsd this configuration already runs (its PID file, the socket
/// owned by that process) is only noted. upsweb.conf is not checked (see docs/nut-check.md).
/// </summary>
public sealed class ListenPortsCheck : IConfigCheck
{
    public void Run(CheckContext c)
    {
        if (c.Upsd is not { } upsd || c.Nut is { RunsUpsd: false })
            return;
        var listen = upsd.Listen.Count > 0 ? upsd.Listen
            : [new ListenAddress("127.0.0.1", NutPaths.DefaultPort, 0), new ListenAddress("::1", NutPaths.DefaultPort, 0)];
        foreach (var l in listen)
            Check(c, upsd.FileName, l, isDefault: upsd.Listen.Count == 0);
    }

    static void Check(CheckContext c, string file, ListenAddress l, bool isDefault)
    {
        string what = isDefault ? $"upsd's default address {l.Address} port {l.Port}" : $"LISTEN {l.Address} {l.Port}";
        IPAddress? ip = l.Address == "*" ? IPAddress.Any : IPAddress.TryParse(l.Address, out var parsed) ? parsed : null;
        if (ip is null)
        {
            try
            {
                ip = Dns.GetHostAddresses(l.Address).FirstOrDefault();
            }
            catch (SocketException)
            {
            }
            if (ip is null)
            {
                c.Error(file, l.Line, $"{what}: {l.Address} does not resolve to an address; give an IP address of this machine");
                return;
            }
        }
        using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
                socket.DualMode = false; // as upsd binds: an IPv6 listener does not take the IPv4 port too
            socket.Bind(new IPEndPoint(ip, l.Port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            if (RunningUpsd(c, l.Port) is { } pid)
                c.Warn(file, l.Line, $"{what}: in use by the running upsd (pid {pid.ToString(CultureInfo.InvariantCulture)}) of this configuration; nothing to do (a second upsd could not start)");
            else
                c.Error(file, l.Line, $"{what}: the port is in use by another process, so upsd cannot listen there; stop that process (ss -ltnp shows it) or choose another port");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
        {
            string message = $"{what}: {l.Address} is not an address of this machine ({Libc.StrError(e)}); upsd cannot listen there; use one of its addresses";
            if (isDefault)
                c.Warn(file, l.Line, message); // upsd goes on with the default addresses it can bind
            else
                c.Error(file, l.Line, message);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            // A port below 1024 when not run as root: upsd binds before dropping root, so it is fine there.
        }
    }

    /// <summary>The PID of the upsd whose PID file is in the state path, when it is alive and holds the port.</summary>
    static int? RunningUpsd(CheckContext c, int port)
    {
        foreach (var dir in c.PidDirs)
        {
            if (PidFile.Read(Path.Combine(dir, "upsd.pid")) is { } pid && PidFile.IsAlive(pid) && ListensOn(pid, port))
                return pid;
        }
        return null;
    }

    /// <summary>True when the process owns a listening TCP socket on the port (from /proc). When its descriptors
    /// cannot be read (another user's process), a live upsd with that PID file is taken to be the one.</summary>
    static bool ListensOn(int pid, int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            string[] lines;
            try { lines = File.ReadAllLines(table); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var line in lines.Skip(1))
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == "0A" && int.TryParse(f[1][(f[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int p) && p == port)
                    inodes.Add(f[9]);
            }
        }
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && inodes.Contains(target[8..^1]))
                    return true;
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
