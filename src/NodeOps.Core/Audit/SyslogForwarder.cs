using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodeOps.Core.Models;

namespace NodeOps.Core.Audit;

/// <summary>
/// Sends an audit event to syslog as an RFC 5424 message (facility auth, JSON body), over UDP to
/// "udp://host:port" or to this machine's /dev/log with "local". Best effort: the catalog keeps the record.
/// </summary>
public static class SyslogForwarder
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Format(AuditEvent e)
    {
        var severity = e.Outcome is AuditOutcome.Failed or AuditOutcome.PartiallyFailed ? 4 : 6;
        var pri = 4 * 8 + severity;
        return $"<{pri}>1 {e.Time.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ} {e.Machine} nodeops {e.ProcessId} audit - {JsonSerializer.Serialize(e, Json)}";
    }

    /// <summary>Sends the event; returns an error message instead of throwing.</summary>
    public static string? Send(AuditEvent e, string destination)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(Format(e));
            if (destination.Equals("local", StringComparison.OrdinalIgnoreCase))
            {
                using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                socket.Connect(new UnixDomainSocketEndPoint("/dev/log"));
                socket.Send(bytes);
                return null;
            }
            var uri = new Uri(destination);
            if (uri.Scheme != "udp") return $"syslog destination '{destination}' is not udp://host:port or local";
            using var udp = new UdpClient();
            udp.Send(bytes, bytes.Length, uri.Host, uri.Port > 0 ? uri.Port : 514);
            return null;
        }
        catch (Exception ex) when (ex is SocketException or UriFormatException or IOException)
        {
            return ex.Message;
        }
    }
}
