using Tma.Cli;

return TmaCommandLine.Run(args, Console.In, Console.Out, Console.Error);
