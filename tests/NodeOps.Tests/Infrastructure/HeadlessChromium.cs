using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NodeOps.Tests.Infrastructure;

/// <summary>
/// Renders a page in headless Chromium (Debian's chromium-headless-shell, installed by tests/bootstrap-os.sh)
/// and reads back what a reader would see: document.body.innerText, asked over the DevTools protocol.
/// </summary>
public static class HeadlessChromium
{
    public static string Binary => new[] { "/usr/bin/chromium-headless-shell", "/usr/bin/chromium" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Headless Chromium is not installed; tests/bootstrap-os.sh installs chromium-headless-shell.");

    public static async Task<string> RenderedTextAsync(string htmlPath, TimeSpan timeout)
    {
        var profile = TestPaths.NewTempDirectory();
        var psi = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0", $"--user-data-dir={profile}", new Uri(htmlPath).AbsoluteUri })
            psi.ArgumentList.Add(a);
        using var browser = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            _ = browser.StandardOutput.ReadToEndAsync(cts.Token);
            string? endpoint = null;
            while (endpoint is null)
            {
                var line = await browser.StandardError.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("Chromium ended before it listened for DevTools.");
                if (Regex.Match(line, @"DevTools listening on (ws://\S+)") is { Success: true } m) endpoint = m.Groups[1].Value;
            }
            _ = DrainAsync(browser.StandardError, cts.Token);
            var port = new Uri(endpoint).Port;
            using var http = new HttpClient();
            for (var attempt = 0; ; attempt++)
            {
                var list = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list", cts.Token)).RootElement;
                var page = list.EnumerateArray().FirstOrDefault(t => t.GetProperty("type").GetString() == "page" && t.GetProperty("url").GetString()!.StartsWith("file:"));
                if (page.ValueKind == JsonValueKind.Object)
                {
                    var text = await EvaluateAsync(page.GetProperty("webSocketDebuggerUrl").GetString()!, cts.Token);
                    if (text is { Length: > 0 } || attempt > 20) return text ?? "";
                }
                await Task.Delay(100, cts.Token);
            }
        }
        finally
        {
            try { browser.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            browser.WaitForExit(5000);
            try { Directory.Delete(profile, true); } catch (IOException) { }
        }
    }

    private static async Task DrainAsync(StreamReader reader, CancellationToken ct)
    {
        try { while (await reader.ReadLineAsync(ct) is not null) { } } catch (OperationCanceledException) { }
    }

    private static async Task<string?> EvaluateAsync(string url, CancellationToken ct)
    {
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri(url), ct);
        var request = """{"id":1,"method":"Runtime.evaluate","params":{"expression":"document.readyState === 'complete' ? document.body.innerText : ''","returnByValue":true}}""";
        await ws.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, ct);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = await ws.ReceiveAsync(buffer, ct);
                message.Write(buffer, 0, r.Count);
            } while (!r.EndOfMessage);
            var reply = JsonDocument.Parse(message.ToArray()).RootElement;
            if (reply.TryGetProperty("id", out var id) && id.GetInt32() == 1)
                return reply.GetProperty("result").GetProperty("result").GetProperty("value").GetString();
        }
    }
}
