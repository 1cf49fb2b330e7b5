namespace NodeOps.Core.Documents;

/// <summary>SSM's document types that NodeOps stores (Command runs with Invoke-NodeCommand; the others feed later capabilities).</summary>
public enum DocumentType { Command, Automation, Session, Policy }
