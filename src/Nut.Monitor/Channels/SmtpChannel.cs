using System.Globalization;
using System.Net;
using System.Net.Mail;
using Nut.Core.Config;

namespace Nut.Monitor.Channels;

/// <summary>
/// E-mail through an SMTP server (System.Net.Mail): STARTTLS required by default (<c>starttls</c>), or
/// <c>plain</c> for a relay on the local network; optional user and password (only ever sent after STARTTLS
/// unless <c>plain</c> was chosen on purpose).
/// </summary>
public sealed class SmtpChannel(NotifyChannelSpec spec) : NotificationChannel(spec)
{
    public const int DefaultPort = 587;

    public override async Task SendAsync(ChannelMessage m, CancellationToken ct)
    {
        var (host, port) = HostPort(Args[0]);
        bool tls = Args.Count < 4 || Args[3] == "starttls";
        using var client = new SmtpClient(host, port) { EnableSsl = tls, DeliveryMethod = SmtpDeliveryMethod.Network, Timeout = 15_000 };
        if (Args.Count == 6)
            client.Credentials = new NetworkCredential(Args[4], Args[5]);
        using var mail = new MailMessage { From = new MailAddress(Args[1]), Subject = $"[UPS] {m.Title}", Body = $"{m.Text}\n\n{m.Host}, {m.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC\n" };
        foreach (var to in Args[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
            mail.To.Add(to);
        await client.SendMailAsync(mail, ct).ConfigureAwait(false);
    }

    static (string Host, int Port) HostPort(string s)
    {
        int colon = s.LastIndexOf(':');
        return colon > 0 && int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            ? (s[..colon], port) : (s, DefaultPort);
    }
}
