from backtui.launch import main

main()
