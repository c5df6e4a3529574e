// Entry: the router first (so link clicks inside components are routed), then the app shell.
import { installRouter } from './router.ts';
import './components/app-shell.ts';
import './components/hit-card.ts';
import './components/answer-card.ts';
import './components/acceptance-panel.ts';

installRouter();
