import { render } from 'preact';
import { browser } from '../shared/browser';
import { Options } from './Options';
import '../ui/base.css';
import './options.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('optionsTitle');
render(<Options />, document.getElementById('app')!);
