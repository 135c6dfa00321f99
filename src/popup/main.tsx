import { browser } from '../shared/browser';
import { render } from 'preact';
import { Popup } from './Popup';
import '../ui/base.css';
import './popup.css';

document.documentElement.lang = browser.i18n.getUILanguage();
render(<Popup />, document.getElementById('app')!);
