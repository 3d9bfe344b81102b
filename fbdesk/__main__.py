from fbdesk.cli import main

raise SystemExit(main())
