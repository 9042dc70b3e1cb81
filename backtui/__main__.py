from backtui.cli import main

main()
