namespace NodeOps.Core.Inventory;

/// <summary>How a package's version string is ordered: by the packaging system that produced it.</summary>
public enum VersionScheme { Debian, Rpm, Windows }
