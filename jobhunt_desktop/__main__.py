from jobhunt_desktop.app import main

raise SystemExit(main())
