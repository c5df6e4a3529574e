// Entry: the router first (so link clicks inside components are routed), then the app shell.
import { installRouter } from './router.ts';
import './components/app-shell.ts';

installRouter();
