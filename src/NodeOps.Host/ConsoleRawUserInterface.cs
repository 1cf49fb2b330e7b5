using System.Management.Automation.Host;

namespace NodeOps.Host;

/// <summary>Terminal geometry and colours; the width decides how wide Out-Default draws tables.</summary>
internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    private static int Width()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var c) && c > 0) return c;
        try { if (!Console.IsOutputRedirected && Console.WindowWidth > 0) return Console.WindowWidth; } catch (IOException) { }
        return 120;
    }

    private static int Height()
    {
        try { if (!Console.IsOutputRedirected && Console.WindowHeight > 0) return Console.WindowHeight; } catch (IOException) { }
        return 50;
    }

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Coordinates CursorPosition { get; set; }
    public override Coordinates WindowPosition { get; set; }
    public override int CursorSize { get; set; } = 1;
    public override Size BufferSize { get => new(Width(), Height()); set { } }
    public override Size WindowSize { get => new(Width(), Height()); set { } }
    public override Size MaxWindowSize => new(Width(), Height());
    public override Size MaxPhysicalWindowSize => new(Width(), Height());
    public override bool KeyAvailable => !Console.IsInputRedirected && Console.KeyAvailable;
    public override string WindowTitle { get; set; } = "nodeops";

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        var k = Console.ReadKey((options & ReadKeyOptions.NoEcho) != 0);
        return new KeyInfo((int)k.Key, k.KeyChar, ControlKeyStates.NumLockOn, keyDown: true);
    }

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
