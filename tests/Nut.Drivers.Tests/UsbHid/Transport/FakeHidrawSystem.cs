using System.Text;
using Nut.Drivers.UsbHid.Transport;

namespace Nut.Drivers.Tests.UsbHid.TransportTests;

/// <summary>One device behind a fake /dev/hidrawN (and its /dev/bus/usb node for strings).</summary>
public sealed class FakeHidNode(byte[] descriptor)
{
    public byte[] Descriptor { get; } = descriptor;

    /// <summary>Feature reports by ID, as the device answers them (ID byte first when numbered).</summary>
    public Dictionary<byte, byte[]> Features { get; } = [];

    /// <summary>Input reports waiting on the interrupt pipe.</summary>
    public Queue<byte[]> Inputs { get; } = new();

    /// <summary>USB strings by index (descriptor 0 announces US English).</summary>
    public Dictionary<int, string> Strings { get; } = [];

    /// <summary>Removed: every call on an open descriptor fails with ENODEV.</summary>
    public bool Gone { get; set; }

    /// <summary>Every SET_FEATURE's buffer as the kernel received it.</summary>
    public List<byte[]> SetFeatures { get; } = [];
}

/// <summary>
/// The system calls of <see cref="IHidrawSystem"/> answered by <see cref="FakeHidNode"/>s registered under their
/// /dev paths, with the kernel's behaviour: HIDIOCGFEATURE takes the report number in byte 0 and returns the report
/// with it; a removed device gives ENODEV; a path nobody registered gives ENOENT. Every ioctl request is logged.
/// </summary>
public sealed class FakeHidrawSystem : IHidrawSystem
{
    readonly Dictionary<string, FakeHidNode> _nodes = [];
    readonly Dictionary<string, FakeHidNode> _usbfs = [];
    readonly Dictionary<int, (FakeHidNode Node, bool UsbFs)> _open = [];
    int _nextFd = 3;

    public List<uint> Ioctls { get; } = [];
    public List<(byte Type, byte Request, ushort Value, ushort Index, int Length)> Controls { get; } = [];
    public HashSet<string> Denied { get; } = [];

    public void Add(string hidrawPath, string usbfsPath, FakeHidNode node)
    {
        _nodes[hidrawPath] = node;
        _usbfs[usbfsPath] = node;
    }

    public int OpenCount => _open.Count;

    public int Open(string path, bool readWrite, out int errno)
    {
        errno = 0;
        if (Denied.Contains(path))
        {
            errno = HidErrno.EACCES;
            return -1;
        }
        bool usbfs = _usbfs.TryGetValue(path, out var node);
        if (!usbfs && !_nodes.TryGetValue(path, out node))
        {
            errno = HidErrno.ENOENT;
            return -1;
        }
        if (node!.Gone)
        {
            errno = HidErrno.ENODEV;
            return -1;
        }
        _open[_nextFd] = (node, usbfs);
        return _nextFd++;
    }

    public void Close(int fd) => _open.Remove(fd);

    public int Ioctl(int fd, uint request, Span<byte> argument, out int errno)
    {
        Ioctls.Add(request);
        errno = 0;
        if (!_open.TryGetValue(fd, out var o) || o.UsbFs)
        {
            errno = 9; // EBADF
            return -1;
        }
        var node = o.Node;
        if (node.Gone)
        {
            errno = HidErrno.ENODEV;
            return -1;
        }
        int size = (int)((request >> 16) & 0x3FFF);
        if (request == HidIoctl.GetReportDescriptorSize)
        {
            BitConverter.TryWriteBytes(argument, node.Descriptor.Length);
            return 0;
        }
        if (request == HidIoctl.GetReportDescriptor)
        {
            int want = BitConverter.ToInt32(argument);
            node.Descriptor.AsSpan(0, Math.Min(want, node.Descriptor.Length)).CopyTo(argument[4..]);
            return 0;
        }
        if (request == HidIoctl.GetFeature(size) && size == argument.Length)
        {
            if (!node.Features.TryGetValue(argument[0], out var report))
            {
                errno = HidErrno.EPIPE;
                return -1;
            }
            int n = Math.Min(report.Length, size);
            report.AsSpan(0, n).CopyTo(argument);
            return n;
        }
        if (request == HidIoctl.SetFeature(size) && size == argument.Length)
        {
            node.SetFeatures.Add(argument.ToArray());
            return size;
        }
        errno = HidErrno.EINVAL;
        return -1;
    }

    public int Read(int fd, Span<byte> buffer, int timeoutMs, out int errno)
    {
        errno = 0;
        var node = _open[fd].Node;
        if (node.Gone)
        {
            errno = HidErrno.ENODEV;
            return -1;
        }
        if (!node.Inputs.TryDequeue(out var report))
            return 0;
        report.CopyTo(buffer);
        return report.Length;
    }

    public int UsbControl(int fd, byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs, out int errno)
    {
        Controls.Add((requestType, request, value, index, data.Length));
        errno = 0;
        var (node, usbfs) = _open[fd];
        if (!usbfs || node.Gone)
        {
            errno = HidErrno.ENODEV;
            return -1;
        }
        byte[] answer;
        int stringIndex = value & 0xFF;
        if (requestType != 0x80 || request != 0x06 || (value >> 8) != 0x03)
        {
            errno = HidErrno.EPIPE;
            return -1;
        }
        if (stringIndex == 0)
        {
            answer = [4, 3, 0x09, 0x04];
        }
        else if (node.Strings.TryGetValue(stringIndex, out var s) && index == 0x0409)
        {
            var utf16 = Encoding.Unicode.GetBytes(s);
            answer = [(byte)(2 + utf16.Length), 3, .. utf16];
        }
        else
        {
            errno = HidErrno.EPIPE;
            return -1;
        }
        int n = Math.Min(answer.Length, data.Length);
        answer.AsSpan(0, n).CopyTo(data);
        return n;
    }
}
