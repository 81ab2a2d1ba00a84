using System.Net;
using System.Net.Sockets;
using Nut.Client;

namespace Nut.Fuzz.Targets;

/// <summary>
/// The client library reading a server's replies (src/Nut.Client): a real <see cref="NutClient"/> whose stream is
/// replaced by the fuzz input (what the server "said"), then every typed call made in turn. A confused or hostile
/// server must give <see cref="NutClientException"/> ("Protocol error", the ERR text, "Server disconnected"),
/// nothing else — upsmon, upsc and the web dashboard all sit on this code.
/// </summary>
public static class ClientReplyTarget
{
    static readonly Lazy<NutClient> Client = new(Connect);
    static Socket? s_serverSide; // kept open: the client's own socket must stay valid

    sealed class ServerReplies(byte[] replies) : MemoryStream(replies, writable: false)
    {
        // The client's requests go nowhere: replies come from the input whatever is asked.
        public override void Write(byte[] buffer, int offset, int count) { }
        public override void Write(ReadOnlySpan<byte> buffer) { }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.CompletedTask;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => ValueTask.CompletedTask;
        public override bool CanWrite => true;
    }

    static NutClient Connect()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var client = NutClient.ConnectAsync("127.0.0.1", port).GetAwaiter().GetResult();
        s_serverSide = listener.AcceptSocket();
        listener.Stop();
        return client;
    }

    public static void Run(ReadOnlySpan<byte> data)
    {
        var client = Client.Value;
        client.Connection.ReplaceStream(new ServerReplies(data.ToArray()));
        const string ups = "ups", v = "ups.status";
        Call(() => client.ListUpsAsync());
        Call(() => client.ListVariablesAsync(ups));
        Call(() => client.ListWritableAsync(ups));
        Call(() => client.ListCommandsAsync(ups));
        Call(() => client.ListEnumAsync(ups, v));
        Call(() => client.ListRangeAsync(ups, v));
        Call(() => client.ListClientsAsync(ups));
        Call(() => client.GetVariableAsync(ups, v));
        Call(() => client.GetTypeAsync(ups, v));
        Call(() => client.GetDescriptionAsync(ups, v));
        Call(() => client.GetCommandDescriptionAsync(ups, "load.off"));
        Call(() => client.GetUpsDescriptionAsync(ups));
        Call(() => client.GetNumLoginsAsync(ups));
        Call(() => client.GetTrackingAsync("1"));
        Call(() => client.UsernameAsync("admin"));
        Call(() => client.LoginAsync(ups));
        Call(() => client.SetVariableAsync(ups, "ups.id", "a \"b\""));
        Call(() => client.InstantCommandAsync(ups, "load.off", "5"));
        Call(() => client.Connection.ListVariablesAsync(ups));
        Call(() => client.Connection.GetVariableAsync(ups, v));
        Call(async () => { await client.LogoutAsync(); return 0; });
    }

    static void Call<T>(Func<Task<T>> call)
    {
        try
        {
            call().GetAwaiter().GetResult();
        }
        catch (NutClientException)
        {
            // The client's documented way of saying the server made no sense.
        }
    }
}
